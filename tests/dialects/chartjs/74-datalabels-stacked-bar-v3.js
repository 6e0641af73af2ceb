{
  type: 'bar',
  data: {
    labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    datasets: [{
      backgroundColor: '#FF3784',
      data: [73.4, 12.9, 55.1, 38.6, 91.2, 27.8, 64.3, 8.5, 46.7, 82.0],
      datalabels: {
        align: 'end',
        anchor: 'start'
      }
    }, {
      backgroundColor: '#36A2EB',
      data: [31.6, 68.2, 14.7, 89.9, 42.3, 57.5, 21.1, 76.4, 35.8, 60.2],
      datalabels: {
        align: 'center',
        anchor: 'center'
      }
    }, {
      backgroundColor: '#4BC0C0',
      data: [49.3, 85.7, 26.4, 11.8, 63.9, 94.1, 40.6, 52.2, 18.3, 70.5],
      datalabels: {
        anchor: 'end',
        align: 'start',
      }
    }]
  },
  options: {
    plugins: {
      datalabels: {
        color: 'white',
        display: function(context) {
          return context.dataset.data[context.dataIndex] > 15;
        },
        font: {
          weight: 'bold'
        },
        formatter: Math.round
      }
    },

    // Core options
    aspectRatio: 5 / 3,
    layout: {
      padding: {
        top: 24,
        right: 16,
        bottom: 0,
        left: 8
      }
    },
    elements: {
      line: {
        fill: false
      },
      point: {
        hoverRadius: 7,
        radius: 5
      }
    },
    scales: {
      x: {
        stacked: true
      },
      y: {
        stacked: true
      }
    }
  }
}
