{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [
      { label: 'Dogs', data: [50, 60, 70, 180, 190] },
    ],
  },
  options: {
  scales: {
    xAxes: [
      {
        scaleLabel: {
          display: true,
          fontColor: '#00ff00',
          fontSize: 20,
          fontStyle: 'bold',
          labelString: 'Month',
        },
      },
    ],
    yAxes: [
      {
        scaleLabel: {
          display: true,
          labelString: '# Users',
          fontColor: '#ff0000',
          fontSize: 20,
          fontStyle: 'bold',
        },
      },
    ]
  }
}
}
