{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [{
      label: 'My First Dataset',
      data: [65, 59, 80, 81, 56, 55, 40],
      fill: false,
      borderColor: 'rgb(75, 192, 192)',
      tension: 0.1
    }]
  },
  options: {
    plugins: {
      annotation: {
        annotations: {
          label1: {
            type: 'label',
            xValue: 2.5,
            yValue: 60,
            xAdjust: 290,
            yAdjust: -100,
            backgroundColor: 'rgba(245,245,245)',
            content: ['In this point of time,', 'something happened'],
            textAlign: 'start',
            font: {
              size: 18
            },
            callout: {
              display: true,
              side: 10
            }
          }
        }
      }
    }
  }
}
